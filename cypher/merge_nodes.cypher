// __LABEL__ is substituted from the graph model allow-list only.
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
SET n += row.props
