"""Input and output: files, batches, Dask and the command line."""
