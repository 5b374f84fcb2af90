// Facts owned by one notice go; shared nodes (actors, documents …) stay.
MATCH (n:Entity {owner: $notice})
DETACH DELETE n
