"""The conversation engine: flows kept in the database and the dispatcher that runs them."""
