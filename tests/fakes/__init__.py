"""Local stand-ins for the outside world: a fake Bot API server and a feed server."""
