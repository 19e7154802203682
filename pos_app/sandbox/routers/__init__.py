"""The HTTP surface, one module per resource of API.md (and one for the sandbox's own
controls), each adding its routes to the app with `install(app, ...)`. Routes read and
write through the ledger's books: every write through `Idempotency.run`, every read in
one ledger transaction."""
