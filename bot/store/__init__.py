"""Storage: the database engine, the models and their migrations."""
