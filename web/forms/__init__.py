"""Forms of the pages: they validate and keep what the user typed; views then call one service."""
