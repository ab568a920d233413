"""News items: front matter with positions, their JSON Schemas and the schema errors' wording."""
