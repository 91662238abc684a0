"""Scripts that generate data at scale and measure (``make bench``)."""
