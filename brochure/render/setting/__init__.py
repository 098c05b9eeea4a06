"""Setting: the decisions taken between one layout and the next: facing translations set level,
overflowing panels set tighter (fitting), hyphenation ladders held to the layout's limit."""
