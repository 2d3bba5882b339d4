#!/usr/bin/env bash
# Rebuild static/govuk.css from the pinned govuk-frontend (see package.json). Needs Node.js.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js ../govuk-frontend.min.js
echo "wrote static/govuk.css and static/govuk-frontend.min.js"
