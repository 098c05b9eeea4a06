"""Text: what a content text means once set: the inline Markdown subset, per-language typography,
and how an address is printed and linked. Shared by the schema, the templates and the checks."""
