"""The meetings section: the COSI, the admission commission, their agenda, minutes with typed decisions, PDFs."""
