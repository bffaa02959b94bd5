"""Reads of comment themes: who may see which comments (`visibility`), the board of comments with their
themes, suggestions and counts (`board`), and the quotes picked for the report and the deck (`quotes`)."""
