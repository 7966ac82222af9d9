-- The situation picture: every event, place mention, quote, claim and control
-- statement of a record as a row of its own, filled from the record by Put in the
-- document's transaction (and here for documents stored before). Each row keeps its
-- item's JSON (item); the other columns exist to be filtered on. Without PostGIS,
-- places are built-in points under a GiST index, which answers "inside this box"
-- (pt <@ box) from the index. day is the item's date (events, control; else the
-- document's publication date) as days since 1970-01-01.

-- sitrep_day reads the day of a date or timestamp written YYYY-MM-DD...; NULL for
-- anything else, an impossible date included.
CREATE FUNCTION sitrep_day(t text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
	IF t IS NULL OR t !~ '^\d{4}-\d{2}-\d{2}' THEN
		RETURN NULL;
	END IF;
	RETURN substr(t, 1, 10)::date - date '1970-01-01';
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- sitrep_point is a place's point, or NULL for none (no coordinates, or exactly
-- (0, 0): the gazetteer has nothing there, and it is what a record without
-- coordinates carries).
CREATE FUNCTION sitrep_point(p jsonb) RETURNS point
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN jsonb_typeof(p -> 'lat') = 'number' AND jsonb_typeof(p -> 'lon') = 'number'
		AND NOT ((p ->> 'lat')::float8 = 0 AND (p ->> 'lon')::float8 = 0)
		THEN point((p ->> 'lon')::float8, (p ->> 'lat')::float8) END
$$;

-- sitrep_items is a record list as rows with their index from 0; nothing when the
-- list is missing or not a list.
CREATE FUNCTION sitrep_items(rec jsonb, list text) RETURNS TABLE (n integer, v jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (e.ord - 1)::integer, e.v
	FROM jsonb_array_elements(CASE WHEN jsonb_typeof(rec -> list) = 'array' THEN rec -> list END) WITH ORDINALITY AS e(v, ord)
$$;

CREATE TABLE events (
	id             bigserial PRIMARY KEY,
	doc_seq        bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n              integer NOT NULL,
	type           text    NOT NULL,
	actor_country  text,
	geonameid      bigint,
	pt             point,
	day            integer,
	source         text,
	s              integer NOT NULL,
	e              integer NOT NULL,
	item           jsonb   NOT NULL,
	location       jsonb,  -- the record's place with the event's geonameid
	UNIQUE (doc_seq, n)
);
CREATE INDEX events_pt ON events USING gist (pt);
CREATE INDEX events_type_day ON events (type, day);
CREATE INDEX events_side_day ON events (actor_country, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_source ON events (lower(source));
CREATE INDEX events_geonameid ON events (geonameid);

CREATE TABLE picture_places (
	id        bigserial PRIMARY KEY,
	doc_seq   bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n         integer NOT NULL,
	geonameid bigint,
	name      text,
	kind      text,
	pt        point,
	day       integer,
	s         integer NOT NULL,
	e         integer NOT NULL,
	item      jsonb   NOT NULL,
	UNIQUE (doc_seq, n)
);
CREATE INDEX picture_places_pt ON picture_places USING gist (pt);
CREATE INDEX picture_places_geonameid ON picture_places (geonameid);
CREATE INDEX picture_places_name ON picture_places (lower(name));
CREATE INDEX picture_places_kind_day ON picture_places (kind, day);
CREATE INDEX picture_places_day ON picture_places (day);

CREATE TABLE quotes (
	id      bigserial PRIMARY KEY,
	doc_seq bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n       integer NOT NULL,
	speaker text,
	kind    text,
	day     integer,
	s       integer NOT NULL,
	e       integer NOT NULL,
	item    jsonb   NOT NULL,
	UNIQUE (doc_seq, n)
);
CREATE INDEX quotes_speaker ON quotes (lower(speaker));
CREATE INDEX quotes_day ON quotes (day);

CREATE TABLE claims (
	id          bigserial PRIMARY KEY,
	doc_seq     bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n           integer NOT NULL,
	source      text,
	source_type text,
	day         integer,
	s           integer NOT NULL,
	e           integer NOT NULL,
	item        jsonb   NOT NULL,
	UNIQUE (doc_seq, n)
);
CREATE INDEX claims_source ON claims (lower(source));
CREATE INDEX claims_type_day ON claims (source_type, day);
CREATE INDEX claims_day ON claims (day);

CREATE TABLE control (
	id        bigserial PRIMARY KEY,
	doc_seq   bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n         integer NOT NULL,
	geonameid bigint,
	pt        point,
	side      text,
	action    text,
	source    text,
	day       integer,
	s         integer NOT NULL,
	e         integer NOT NULL,
	item      jsonb   NOT NULL,
	UNIQUE (doc_seq, n)
);
CREATE INDEX control_pt ON control USING gist (pt);
CREATE INDEX control_geonameid_day ON control (geonameid, day);
CREATE INDEX control_side_day ON control (side, day);
CREATE INDEX control_action_day ON control (action, day);
CREATE INDEX control_day ON control (day);
CREATE INDEX control_source ON control (lower(source));

-- Near-duplicates (see picture.MinHash): signatures, the bands of the first
-- documents of stories, and the link from each copy to the first of its story.
CREATE TABLE doc_minhash (
	doc_seq bigint PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	sig     bytea  NOT NULL
);
CREATE TABLE doc_minhash_band (
	band    integer NOT NULL,
	key     bigint  NOT NULL,
	doc_seq bigint  NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	PRIMARY KEY (band, key, doc_seq)
);
CREATE TABLE near_duplicates (
	doc_seq    bigint PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	of_seq     bigint NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	similarity real   NOT NULL
);
CREATE INDEX near_duplicates_of ON near_duplicates (of_seq);
-- Documents stored before this step, linked by the next Put.
CREATE TABLE near_pending (doc_seq bigint PRIMARY KEY);
INSERT INTO near_pending (doc_seq) SELECT seq FROM documents;

-- Pairs of event mentions an analyst split apart, never fused again.
CREATE TABLE fusion_apart (
	a    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	b    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	made timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (a, b),
	CHECK (a < b)
);
CREATE INDEX fusion_apart_b ON fusion_apart (b);

-- sitrep_fill_picture copies the items of the documents seqs out of their records
-- into the picture tables. Put calls it for the documents it stored; here it fills
-- the picture of those stored before.
CREATE FUNCTION sitrep_fill_picture(seqs bigint[]) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO events (doc_seq, n, type, actor_country, geonameid, pt, day, source, s, e, item, location)
	SELECT d.seq, j.n, coalesce(j.v ->> 'type', ''), j.v -> 'actor' ->> 'country',
		(j.v -> 'place' ->> 'geonameid')::bigint, sitrep_point(j.v -> 'place'),
		coalesce(sitrep_day(j.v ->> 'date'), sitrep_day(d.source ->> 'published')),
		j.v -> 'source' ->> 'name',
		coalesce((j.v -> 'evidence' ->> 'start')::integer, 0), coalesce((j.v -> 'evidence' ->> 'end')::integer, 0), j.v,
		(SELECT p.v FROM sitrep_items(d.record, 'places') AS p
		 WHERE p.v ->> 'geonameid' = j.v -> 'place' ->> 'geonameid' ORDER BY p.n LIMIT 1)
	FROM documents AS d CROSS JOIN LATERAL sitrep_items(d.record, 'events') AS j
	WHERE d.seq = ANY (seqs)
	ORDER BY d.seq, j.n;

	INSERT INTO picture_places (doc_seq, n, geonameid, name, kind, pt, day, s, e, item)
	SELECT d.seq, j.n, (j.v ->> 'geonameid')::bigint, j.v ->> 'name', j.v ->> 'kind', sitrep_point(j.v),
		sitrep_day(d.source ->> 'published'),
		coalesce((j.v ->> 'start')::integer, 0), coalesce((j.v ->> 'end')::integer, 0), j.v
	FROM documents AS d CROSS JOIN LATERAL sitrep_items(d.record, 'places') AS j
	WHERE d.seq = ANY (seqs)
	ORDER BY d.seq, j.n;

	INSERT INTO quotes (doc_seq, n, speaker, kind, day, s, e, item)
	SELECT d.seq, j.n, j.v -> 'speaker' ->> 'name', j.v ->> 'kind', sitrep_day(d.source ->> 'published'),
		coalesce((j.v ->> 'start')::integer, 0), coalesce((j.v ->> 'end')::integer, 0), j.v
	FROM documents AS d CROSS JOIN LATERAL sitrep_items(d.record, 'quotes') AS j
	WHERE d.seq = ANY (seqs)
	ORDER BY d.seq, j.n;

	INSERT INTO claims (doc_seq, n, source, source_type, day, s, e, item)
	SELECT d.seq, j.n, j.v -> 'source' ->> 'name', j.v -> 'source' ->> 'type', sitrep_day(d.source ->> 'published'),
		coalesce((j.v -> 'content' ->> 'start')::integer, 0), coalesce((j.v -> 'content' ->> 'end')::integer, 0), j.v
	FROM documents AS d CROSS JOIN LATERAL sitrep_items(d.record, 'claims') AS j
	WHERE d.seq = ANY (seqs)
	ORDER BY d.seq, j.n;

	INSERT INTO control (doc_seq, n, geonameid, pt, side, action, source, day, s, e, item)
	SELECT d.seq, j.n, (j.v -> 'place' ->> 'geonameid')::bigint, sitrep_point(j.v -> 'place'),
		j.v ->> 'side', j.v ->> 'action', j.v -> 'source' ->> 'name',
		coalesce(sitrep_day(j.v ->> 'date'), sitrep_day(d.source ->> 'published')),
		coalesce((j.v -> 'evidence' ->> 'start')::integer, 0), coalesce((j.v -> 'evidence' ->> 'end')::integer, 0), j.v
	FROM documents AS d CROSS JOIN LATERAL sitrep_items(d.record, 'control') AS j
	WHERE d.seq = ANY (seqs)
	ORDER BY d.seq, j.n;
$$;

SELECT sitrep_fill_picture(array(SELECT seq FROM documents ORDER BY seq));
