-- Every resolved place mention, for spatial queries. The server may lack PostGIS,
-- so a box query runs on a plain B-tree over (lat, lon): a range scan on latitude,
-- filtered on longitude.
CREATE TABLE places (
	doc_seq   bigint NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n         integer NOT NULL,   -- index in the record's places
	geonameid bigint NOT NULL,
	name      text NOT NULL,
	lat       double precision NOT NULL,
	lon       double precision NOT NULL,
	PRIMARY KEY (doc_seq, n)
);

CREATE INDEX places_lat_lon ON places (lat, lon);
CREATE INDEX places_geonameid ON places (geonameid);
