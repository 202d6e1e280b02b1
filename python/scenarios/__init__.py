"""One module per recorded scenario; each has run(options, clock) -> dict."""
