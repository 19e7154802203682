"""Helpers of the reliability suites (fault suite, many-tills suite): the short/long form
switch, the sandbox's books read straight from its database, the operation model and its
invariants, and the figures lines the release runner greps."""
