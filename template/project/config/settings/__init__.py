"""Settings modules: base for every environment, test for the test suite."""
