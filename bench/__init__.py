"""Speed benchmarks with generated data; each measure is printed with its same-run baseline."""
