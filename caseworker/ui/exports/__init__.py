"""The Exports section: funders' anonymised figures."""
