"""What the test folders share: not tests themselves, so pytest collects nothing here.

- terminal_helpers: a terminal on a sandbox, the in-process CLI, a fake clock, a keyring.
- raw_server: a misbehaving HTTP server on 127.0.0.1, for the client's transport tests.
- disk_helpers: a real full disk (tmpfs) or its stand-in, for the crash and disk suites.
- qss_contrast: the stylesheet's colour pairs and their contrast ratios.
- wire: sample answers of the contract, as the backend sends them.
- reliability: the fault and many-tills suites' plans, books, oracle and soak switch.

The suite imports them as `support.<module>`: tests/ is on sys.path (pyproject's
`[tool.pytest.ini_options] pythonpath`).
"""
