"""The commands: what the command line runs (build, batch of events, watch, serve, new), and the
command line itself, the one place where errors become exit codes."""
