"""The HTTP side of the service, one job per module: error bodies, the GraphQL route, public
routes (health, readiness, exports, the explorer) and admin routes; ``graph_api.app`` assembles them."""
