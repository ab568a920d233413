"""DISARM framework pages: sniffing, the page model and its parser."""
