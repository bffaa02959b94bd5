"""How many examples the property and fuzz tests draw.

`make test` draws a fifth of them (at least 10), so the everyday suite stays quick; `make test-thorough`
(CXM_THOROUGH=1, run by CI as well) draws them all. The same tests run either way: only the sample size differs.
"""

import os

THOROUGH = os.environ.get("CXM_THOROUGH") == "1"


def examples(full: int) -> int:
    return full if THOROUGH else max(10, full // 5)
