// Neo4j's range index does not index list elements; this one serves equality on the list only,
// the type filter itself runs on the activities the plan reaches.
CREATE INDEX activity_types IF NOT EXISTS FOR (a:Activity) ON (a.types)
