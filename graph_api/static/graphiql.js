// GraphiQL on the vendored React: a file, not an inline script, so the CSP allows only 'self'.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = `# 哪些单位开展监督抽查？ Which bodies run supervision sampling?
query WhoRuns {
  actors(filter: { runs: { types: [SUPERVISION_SAMPLING] } }) {
    totalCount
    nodes { id name kind }
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery }),
);
