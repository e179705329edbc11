"""The XLSX workbook of the downloads: the SpreadsheetML writer, its fixed parts, the sheets."""
