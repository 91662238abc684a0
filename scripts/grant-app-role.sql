-- The application's database role: it reads and writes the application's tables but owns
-- none of them (so it cannot alter a table or set a trigger aside), and it may only INSERT
-- and SELECT the processing log. Run by the tables' owner after every `migrate`
-- (docs/deploy.md); it can be run again at any time.
--   psql "postgres://OWNER@HOST/DB" -v ON_ERROR_STOP=1 -v app=APP_ROLE -f scripts/grant-app-role.sql
GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON recruitment_processingrecord FROM :"app";
REVOKE CREATE ON SCHEMA public FROM :"app";
