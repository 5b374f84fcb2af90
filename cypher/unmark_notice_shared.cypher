MATCH (n:Entity {unloading: $notice})
REMOVE n.unloading
