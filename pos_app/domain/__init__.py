"""Plain values and rules of the terminal: no I/O, no Qt."""
