"""The editable slide deck (.pptx): the report's story on slides, with native charts (python-pptx).

`slides` describes a deck as plain data; `story` (with `factors` for the factor and priority slides) fills it
from the figures the PDF shows (the same selectors and report facts); `key_message` takes the key message's
words from its shared partial; `draw` (with `pieces` and `chart_shapes`) turns the description into
PowerPoint shapes and native charts; `document` ties them together. Domains above results add their
slides (the plan, the trend, the customer figures) through `contributions.deck_slides`.
"""
