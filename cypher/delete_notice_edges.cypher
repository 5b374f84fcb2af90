// Every edge a notice brought (edges carry their notice), also between shared nodes.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.notice = $notice
DELETE r
