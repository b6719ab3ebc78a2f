"""What keeps a process and its peers working: leases and heartbeats shared through the
database, and the supervisor that restarts background loops."""
