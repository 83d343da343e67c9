"""Benchmarks and the national-scale fictitious data set (`make bench-data`, `make bench`)."""
