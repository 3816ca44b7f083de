-- The canonical tables of egov-exporter in PostgreSQL and the indexes of its bounded reads
-- (README, "The canonical schema", "Indexes"), written by `egov-exporter init-db
-- --print-schema` from SQLite's schema. `init-db --postgres CONFIG` runs it; so can
-- psql -v ON_ERROR_STOP=1 -f config/postgres/schema.sql (in the schema the exporter reads).
CREATE TABLE IF NOT EXISTS units (
    code text COLLATE "C" PRIMARY KEY NOT NULL,
    name text NOT NULL,
    level text NOT NULL,
    parent_code text COLLATE "C",
    one_stop_connected_on date,
    doc_axis_connected_on date
);
CREATE TABLE IF NOT EXISTS procedures (
    code text COLLATE "C" PRIMARY KEY NOT NULL,
    name text NOT NULL,
    field text,
    level text NOT NULL,
    online_service text NOT NULL DEFAULT 'none',
    has_fee smallint NOT NULL DEFAULT 0,
    online_payment smallint NOT NULL DEFAULT 0,
    published_on date,
    abolished_on date,
    online_eligible text,
    on_national_portal smallint,
    interconnection text,
    location_independent smallint,
    internal_process text
);
CREATE TABLE IF NOT EXISTS dossiers (
    id text COLLATE "C" PRIMARY KEY NOT NULL,
    unit_code text COLLATE "C",
    procedure_code text COLLATE "C",
    channel integer,
    status integer,
    received_at timestamptz,
    due_at timestamptz,
    finished_at timestamptz,
    returned_at timestamptz,
    paid_online smallint NOT NULL DEFAULT 0,
    digitized smallint NOT NULL DEFAULT 0,
    updated_at timestamptz
);
CREATE TABLE IF NOT EXISTS documents (
    id text COLLATE "C" PRIMARY KEY NOT NULL,
    unit_code text COLLATE "C",
    direction text,
    issued_at timestamptz,
    digitally_signed smallint,
    transmission text,
    recipient_scope text,
    updated_at timestamptz
);
CREATE TABLE IF NOT EXISTS staff (
    id text COLLATE "C" PRIMARY KEY NOT NULL,
    unit_code text COLLATE "C",
    active_from date,
    active_to date
);
CREATE TABLE IF NOT EXISTS eoffice_activity (
    staff_id text COLLATE "C" NOT NULL,
    day date NOT NULL,
    PRIMARY KEY (staff_id, day)
);
CREATE TABLE IF NOT EXISTS work_files (
    id text COLLATE "C" PRIMARY KEY NOT NULL,
    unit_code text COLLATE "C",
    opened_at timestamptz,
    electronic smallint
);
CREATE TABLE IF NOT EXISTS rejected_records (
    file text NOT NULL,
    position text NOT NULL,
    kind text NOT NULL,
    reason text NOT NULL,
    record_id text,
    unit_code text COLLATE "C",
    record text NOT NULL,
    PRIMARY KEY (file, kind, position)
);
CREATE TABLE IF NOT EXISTS import_versions (
    id text COLLATE "C" NOT NULL,
    hash bigint NOT NULL,
    PRIMARY KEY (id, hash)
);
CREATE INDEX IF NOT EXISTS units_parent ON units(parent_code);
CREATE INDEX IF NOT EXISTS dossiers_by_received ON dossiers(unit_code, received_at, finished_at, channel, status, due_at, procedure_code, digitized, paid_online);
CREATE INDEX IF NOT EXISTS dossiers_by_finished ON dossiers(unit_code, finished_at, status, received_at, channel, due_at, procedure_code, digitized, paid_online);
CREATE INDEX IF NOT EXISTS documents_by_unit ON documents(unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope);
CREATE INDEX IF NOT EXISTS staff_by_unit ON staff(unit_code, active_from, active_to, id);
CREATE INDEX IF NOT EXISTS work_files_by_unit ON work_files(unit_code, opened_at, electronic);
