"""What the tests share: seeding, signing in, hostile files, the console's browser."""
