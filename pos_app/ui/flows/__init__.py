"""One module per thing a person does at the till. Each flow asks (prompts), runs the
service call on the runner, and says how it went; what the operation changed is published
(ui/changes.py) for the screens to refresh themselves. The main window composes them."""
