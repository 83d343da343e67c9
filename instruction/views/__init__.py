"""The pages and actions every dossier kind shares: `pages` (the déposant's list, draft, dossier page),
`lists` (instruction and co-instruction lists), `actions` (decisions, messages, annotations, co-instruction,
downloads)."""
