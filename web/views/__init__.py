"""The pages, one module per page family; each view validates, calls one service or selector, renders."""
