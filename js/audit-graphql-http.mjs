// Run the graphql-http server audits against a live URL; print JSON results.
// usage: node js/audit-graphql-http.mjs http://127.0.0.1:PORT/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
const out = [];
for (const r of results) {
  let detail = null;
  if (r.status !== 'ok') {
    detail = r.reason;
    if (r.response) {
      try { detail += ' | ' + r.response.status + ' ' + (await r.response.text()).slice(0, 200); } catch { /* body read once */ }
    }
  }
  out.push({ id: r.id, name: r.name, status: r.status, detail });
}
process.stdout.write(JSON.stringify(out));
