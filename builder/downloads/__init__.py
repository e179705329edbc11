"""Pure renderers of the /data/ downloads: JSON, CSV, XLSX, schemas, datapackage.json."""
