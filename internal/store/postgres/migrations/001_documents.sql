-- Documents, keyed by the content hash of their text. seq orders them by when
-- they were stored (newest is highest) and is the paging cursor; it is drawn
-- from documents_seq by the writer, in the order records were given to Put.
CREATE SEQUENCE documents_seq;

CREATE TABLE documents (
	seq       bigint PRIMARY KEY,
	id        text NOT NULL UNIQUE,
	caller_id text,
	source    jsonb NOT NULL,
	record    jsonb NOT NULL,     -- the record without its text
	text      text NOT NULL,
	chars     integer NOT NULL,
	snippet   text NOT NULL,      -- the opening, for listings
	search    tsvector NOT NULL,  -- folded words with positions (see search.go)
	ingested  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX documents_caller_id ON documents (caller_id, seq) WHERE caller_id IS NOT NULL;
CREATE INDEX documents_search ON documents USING gin (search);
