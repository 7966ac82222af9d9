package input

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// A WARC is read record by record from an uncompressed stream (a .warc.gz has
// been inflated, every gzip member in turn, by the caller). This file frames the
// records itself — header, Content-Length, end-of-record marker — so that it can
// bound every read, report where a broken archive breaks, and find the next
// record after one that lies about its length. gowarc then parses each record
// that may hold a page (its header, HTTP block and payload), from memory.
//
// Memory is bounded by about two copies of one record: the framed bytes and
// gowarc's parsed block.

// maxWARCHeader caps the WARC header of one record (the HTTP header is inside
// the block, capped with it).
const maxWARCHeader = 64 << 10

var (
	crlfcrlf  = []byte("\r\n\r\n")
	warcMagic = []byte("WARC/")
)

type warcReader struct {
	name string
	r    *bufio.Reader
	off  int64 // offset in the uncompressed stream of r's next byte
	gz   bool  // the stream was inflated; offsets are uncompressed
	max  int64 // largest record block accepted
	num  int   // records framed so far
	u    gowarc.Unmarshaler
	buf  []byte // the framed record
	// Reused for every record: the reader gowarc parses from, and the payload.
	rec     bytes.Reader
	recBuf  *bufio.Reader
	payload bytes.Buffer
}

// warcHeader is what the framing needs from a record's WARC header.
type warcHeader struct {
	version     string
	typ         string
	length      int64
	lengthErr   error
	targetURI   string
	date        string
	contentType string
	segment     string
}

// readWARC yields a page for every response record with an HTML payload and
// every text/html resource record.
func readWARC(ctx context.Context, name string, r io.Reader, gz bool, opt Options, yield func(Item) bool) {
	max := opt.maxBytes()
	w := &warcReader{
		name: name,
		r:    bufio.NewReaderSize(r, 64<<10),
		gz:   gz,
		max:  max,
		u: gowarc.NewUnmarshaler(
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
			// ErrWarn, not ErrIgnore: only then does gowarc keep the whole block
			// for reading; it holds it in memory up to the record cap.
			gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
			gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
			gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
			gowarc.WithBufferMaxMemBytes(max+maxWARCHeader+1024),
		),
	}
	for ctx.Err() == nil {
		it, ok, stop := w.next()
		if ok && !yield(it) {
			return
		}
		if stop {
			return
		}
	}
}

// where says where in the archive something happened.
func (w *warcReader) where(off int64) string {
	if w.gz {
		return fmt.Sprintf("uncompressed offset %d", off)
	}
	return fmt.Sprintf("offset %d", off)
}

func (w *warcReader) recordName(uri string) string {
	n := fmt.Sprintf("%s#%d", w.name, w.num)
	if uri != "" {
		n += " (" + uri + ")"
	}
	return n
}

func (w *warcReader) fail(uri string, err error) Item {
	return failItem(w.recordName(uri), err)
}

// next frames one record. It returns the item to yield, if any, and whether
// reading must stop (the end of the archive, or a break it cannot read past).
func (w *warcReader) next() (it Item, ok, stop bool) {
	if err := w.skipBlankLines(); err != nil {
		if err == io.EOF {
			return Item{}, false, true
		}
		w.num++
		return w.fail("", fmt.Errorf("at %s: %w", w.where(w.off), err)), true, true
	}
	start := w.off
	w.num++
	w.buf = w.buf[:0]
	h, err := w.readHeader()
	if err != nil {
		if isEOF(err) {
			return w.fail("", fmt.Errorf("archive is truncated: it ends inside the header of the record at %s", w.where(start))), true, true
		}
		if errors.Is(err, errNotHeader) || errors.Is(err, errHeaderTooLong) {
			it := w.fail("", fmt.Errorf("at %s: %w", w.where(start), err))
			if rerr := w.resync(); rerr != nil {
				return andThen(it, rerr), true, true
			}
			return it, true, false
		}
		return w.fail("", fmt.Errorf("at %s: %w", w.where(start), err)), true, true
	}
	uri := h.targetURI
	if h.lengthErr != nil {
		it := w.fail(uri, fmt.Errorf("record at %s: %w", w.where(start), h.lengthErr))
		if rerr := w.resync(); rerr != nil {
			return andThen(it, rerr), true, true
		}
		return it, true, false
	}

	wanted := h.typ == "response" || h.typ == "resource"
	if h.length > w.max {
		return w.skipOversized(h, start)
	}

	// Read the block after the header in buf, so gowarc can parse the record
	// from memory.
	hdrLen := len(w.buf)
	w.buf = grow(w.buf, int(h.length)+len(crlfcrlf))
	blk := w.buf[hdrLen : hdrLen+int(h.length)]
	n, err := io.ReadFull(w.r, blk)
	w.off += int64(n)
	if err != nil {
		if isEOF(err) {
			return w.fail(uri, fmt.Errorf("archive is truncated: the record at %s declares %d bytes of content but the archive ends after %d", w.where(start), h.length, n)), true, true
		}
		return w.fail(uri, fmt.Errorf("record at %s: %w", w.where(start), err)), true, true
	}
	w.buf = w.buf[:hdrLen+int(h.length)]

	// The record must end with CRLF CRLF right after its declared length. If
	// not, the length is wrong: report the record and find the next one.
	if err := w.endOfRecord(); err != nil {
		it := w.fail(uri, fmt.Errorf("record at %s: Content-Length %d does not match the record (%v)", w.where(start), h.length, err))
		if rerr := w.recover(blk); rerr != nil {
			return andThen(it, rerr), true, true
		}
		return it, true, false
	}
	if !wanted {
		return Item{}, false, false
	}
	if h.segment != "" {
		return w.fail(uri, errors.New("is a segmented record, which is not supported")), true, false
	}
	w.buf = append(w.buf, crlfcrlf...)
	it, ok, err = w.page(h)
	if err != nil {
		return w.fail(uri, err), true, false
	}
	return it, ok, false
}

// andThen adds to a failed item what went wrong looking past it, on one line.
func andThen(it Item, err error) Item {
	it.Err = fmt.Errorf("%w; %v", it.Err, err)
	return it
}

var (
	errNotHeader     = errors.New("expected a WARC record header")
	errHeaderTooLong = errors.New("WARC header is too long")
)

func isEOF(err error) bool { return err == io.EOF || err == io.ErrUnexpectedEOF }

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	return b[:len(b)+n]
}

// skipBlankLines passes the CR/LF that some writers leave between records,
// returning io.EOF at a clean end of the archive.
func (w *warcReader) skipBlankLines() error {
	for {
		c, err := w.r.ReadByte()
		if err != nil {
			return err
		}
		if c != '\r' && c != '\n' {
			return w.r.UnreadByte()
		}
		w.off++
	}
}

// readLine reads one line into w.buf and returns it, failing on lines longer
// than the buffer.
func (w *warcReader) readLine() ([]byte, error) {
	line, err := w.r.ReadSlice('\n')
	w.off += int64(len(line))
	if err == bufio.ErrBufferFull {
		return nil, errHeaderTooLong
	}
	if err != nil {
		if len(line) > 0 && err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if len(w.buf)+len(line) > maxWARCHeader {
		return nil, errHeaderTooLong
	}
	w.buf = append(w.buf, line...)
	return w.buf[len(w.buf)-len(line):], nil
}

func (w *warcReader) readHeader() (warcHeader, error) {
	var h warcHeader
	first, err := w.readLine()
	if err != nil {
		return h, err
	}
	if !bytes.HasPrefix(first, warcMagic) {
		return h, fmt.Errorf("%w, found %q", errNotHeader, clip(first, 40))
	}
	h.version = string(bytes.TrimSpace(first))
	hasLength := false
	for {
		line, err := w.readLine()
		if err != nil {
			return h, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		k, v, found := bytes.Cut(line, []byte(":"))
		if !found {
			continue // continuation or junk line: nothing the framing needs
		}
		val := string(bytes.TrimSpace(v))
		switch strings.ToLower(string(bytes.TrimSpace(k))) {
		case "warc-type":
			h.typ = strings.ToLower(val)
		case "content-length":
			hasLength = true
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil || n < 0 {
				h.lengthErr = fmt.Errorf("Content-Length %q is not a length", clip([]byte(val), 40))
			}
			h.length = n
		case "warc-target-uri":
			h.targetURI = strings.Trim(val, "<>")
		case "warc-date":
			h.date = val
		case "content-type":
			h.contentType = val
		case "warc-segment-number":
			h.segment = val
		}
	}
	if !hasLength {
		h.lengthErr = errors.New("has no Content-Length")
	}
	return h, nil
}

func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// endOfRecord consumes the CR LF CR LF that ends a record. Bare LF LF is taken
// too, and so is an archive that ends right after its last block, or after
// half the marker: writers that trim files leave that behind.
func (w *warcReader) endOfRecord() error {
	b, err := w.r.Peek(4)
	switch {
	case bytes.Equal(b, crlfcrlf):
		w.r.Discard(4)
		w.off += 4
		return nil
	case bytes.HasPrefix(b, []byte("\n\n")):
		w.r.Discard(2)
		w.off += 2
		return nil
	case err == io.EOF && (len(b) == 0 || string(b) == "\r\n"):
		w.r.Discard(len(b))
		w.off += int64(len(b))
		return nil
	case err != nil && err != io.EOF:
		return err
	}
	return fmt.Errorf("found %q where the record should end", clip(b, 4))
}

// recover finds the next record after one whose Content-Length lied. If the
// length was too long, the next record's start was read as part of block: look
// for it there. If too short, the rest of the block is still ahead: scan on.
func (w *warcReader) recover(blk []byte) error {
	for i := 0; ; {
		j := bytes.Index(blk[i:], warcMagic)
		if j < 0 {
			break
		}
		p := i + j
		if p >= 2 && bytes.Equal(blk[p-2:p], []byte("\r\n")) && versionLine(blk[p:]) {
			w.unread(blk[p:])
			return nil
		}
		i = p + 1
	}
	return w.resync()
}

// versionLine reports whether b starts with a "WARC/1.x" line.
func versionLine(b []byte) bool {
	if len(b) > 16 {
		b = b[:16]
	}
	return bytes.HasPrefix(b, []byte("WARC/1.")) && bytes.Contains(b, []byte("\n"))
}

// unread puts b back in front of the stream.
func (w *warcReader) unread(b []byte) {
	pending := bytes.Clone(b)
	w.r = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(pending), w.r), 64<<10)
	w.off -= int64(len(pending))
}

// resync scans forward to the next line that starts a WARC record, reading at
// most one record's worth of bytes.
func (w *warcReader) resync() error {
	from := w.off
	for w.off-from <= w.max {
		line, err := w.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			w.off += int64(len(line))
			continue
		}
		if err != nil {
			w.off += int64(len(line))
			if err == io.EOF {
				return fmt.Errorf("no further WARC record after %s", w.where(from))
			}
			return err
		}
		w.off += int64(len(line))
		if versionLine(line) {
			w.unread(line)
			return nil
		}
	}
	return fmt.Errorf("no WARC record found in the %s after %s; stopped", sizeText(w.max), w.where(from))
}

// skipOversized passes a record whose block is over the cap without holding it.
// Only a record that would have been a page is reported; a large video or
// image is simply not what sitrep reads.
func (w *warcReader) skipOversized(h warcHeader, start int64) (Item, bool, bool) {
	report := false
	switch h.typ {
	case "resource":
		report = isHTMLType(h.contentType)
	case "response":
		// Look at the HTTP header at the head of the block to tell a page
		// from a video.
		head, _ := w.r.Peek(8 << 10)
		if resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(head)), nil); err == nil {
			ct := resp.Header.Get("Content-Type")
			report = resp.StatusCode/100 == 2 && (ct == "" || isHTMLType(ct))
		} else {
			report = true
		}
	}
	n, err := w.r.Discard(int(min(h.length, int64(^uint(0)>>1))))
	w.off += int64(n)
	if err != nil {
		if isEOF(err) {
			return w.fail(h.targetURI, fmt.Errorf("archive is truncated: the record at %s declares %d bytes of content but the archive ends after %d", w.where(start), h.length, n)), true, true
		}
		return w.fail(h.targetURI, fmt.Errorf("record at %s: %w", w.where(start), err)), true, true
	}
	if err := w.endOfRecord(); err != nil {
		it := w.fail(h.targetURI, fmt.Errorf("record at %s: Content-Length %d does not match the record (%v)", w.where(start), h.length, err))
		if rerr := w.resync(); rerr != nil {
			return andThen(it, rerr), true, true
		}
		return it, true, false
	}
	if report {
		return w.fail(h.targetURI, &tooLargeError{limit: w.max, size: h.length}), true, false
	}
	return Item{}, false, false
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// page parses the framed record in w.buf with gowarc and returns its page, or
// ok=false for a record that holds no page (an image, a redirect, an error).
func (w *warcReader) page(h warcHeader) (it Item, ok bool, err error) {
	w.rec.Reset(w.buf)
	if w.recBuf == nil {
		w.recBuf = bufio.NewReaderSize(&w.rec, 16<<10)
	}
	w.recBuf.Reset(&w.rec)
	rec, _, _, err := w.u.Unmarshal(w.recBuf)
	if err != nil {
		return Item{}, false, fmt.Errorf("bad WARC record: %w", err)
	}
	defer rec.Close()

	var (
		body        []byte
		contentType string
		lang        string
	)
	switch blk := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if c := blk.HttpStatusCode(); c < 200 || c > 299 {
			return Item{}, false, nil
		}
		hdr := blk.HttpHeader()
		if hdr == nil {
			hdr = &http.Header{}
		}
		contentType = hdr.Get("Content-Type")
		if contentType != "" && !isHTMLType(contentType) {
			return Item{}, false, nil
		}
		p, err := blk.PayloadBytes()
		if err != nil {
			return Item{}, false, fmt.Errorf("read payload: %w", err)
		}
		if body, err = w.readPayload(p); err != nil {
			return Item{}, false, fmt.Errorf("read payload: %w", err)
		}
		// gowarc's parsed header has lost Transfer-Encoding (net/http keeps it
		// apart), so read it from the raw header.
		chunked := strings.Contains(strings.ToLower(rawHeaderValue(blk.ProtocolHeaderBytes(), "transfer-encoding")), "chunked")
		if body, err = decodeHTTPBody(body, hdr, chunked, w.max); err != nil {
			return Item{}, false, err
		}
		lang = strings.TrimSpace(strings.Split(hdr.Get("Content-Language"), ",")[0])
	default:
		if rec.Type() != gowarc.Resource || !isHTMLType(h.contentType) {
			return Item{}, false, nil
		}
		contentType = h.contentType
		p, err := rec.Block().RawBytes()
		if err != nil {
			return Item{}, false, fmt.Errorf("read block: %w", err)
		}
		if body, err = w.readPayload(p); err != nil {
			return Item{}, false, fmt.Errorf("read block: %w", err)
		}
	}
	if contentType == "" && !looksLikeHTML(bytes.TrimLeft(trimBOM(body), " \t\r\n")) {
		return Item{}, false, nil
	}
	doc, err := decodeUTF8(body, contentType, kindHTML)
	if err != nil {
		return Item{}, false, err
	}
	if !hasBodyText(doc) {
		return Item{}, false, errors.New("page has no body text")
	}
	it = Item{
		Name:     fmt.Sprintf("%s#%d", w.name, w.num),
		URL:      h.targetURI,
		HTML:     doc,
		Language: lang,
	}
	if t, err := time.Parse(time.RFC3339Nano, h.date); err == nil {
		it.Captured = t.UTC()
	}
	return it, true, nil
}

// readPayload reads a payload into the reused buffer. The bytes are only valid
// until the next record: the page keeps a string copy.
func (w *warcReader) readPayload(r io.Reader) ([]byte, error) {
	w.payload.Reset()
	_, err := w.payload.ReadFrom(r)
	return w.payload.Bytes(), err
}

// decodeHTTPBody undoes the transfer and content codings of a captured HTTP
// payload. Crawlers differ in what they store: some keep the chunked framing
// and the gzip bytes as sent, some store the decoded body under the original
// headers. So a coding is undone only when the bytes carry it.
func decodeHTTPBody(body []byte, hdr *http.Header, chunked bool, max int64) ([]byte, error) {
	if chunked && looksChunked(body) {
		b, err := readCapped(httputil.NewChunkedReader(bytes.NewReader(body)), max, int64(len(body)))
		if err != nil {
			return nil, fmt.Errorf("chunked payload: %w", err)
		}
		body = b
	}
	switch enc := strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))); enc {
	case "", "identity", "none", "utf-8":
	case "gzip", "x-gzip":
		if !bytes.HasPrefix(body, gzipMagic) {
			break
		}
		zr, err := newInflater(bytes.NewReader(body), max)
		if err != nil {
			return nil, fmt.Errorf("gzip payload: %w", err)
		}
		if body, err = readCapped(zr, max, 0); err != nil {
			return nil, fmt.Errorf("gzip payload: %w", err)
		}
	case "deflate":
		// "deflate" is zlib-wrapped by the standard, raw deflate in practice.
		var r io.Reader
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(body))
		}
		b, err := readCapped(r, max, 0)
		if err != nil {
			return nil, fmt.Errorf("deflate payload: %w", err)
		}
		body = b
	default:
		return nil, fmt.Errorf("payload has Content-Encoding %q, which is not supported", enc)
	}
	return body, nil
}

// rawHeaderValue finds a field in raw HTTP header bytes, ignoring case.
func rawHeaderValue(raw []byte, field string) string {
	for _, line := range bytes.Split(raw, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), field) {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

// looksChunked reports whether body starts like chunked framing: a hex size
// line.
func looksChunked(body []byte) bool {
	line, _, found := bytes.Cut(body[:min(len(body), 64)], []byte("\n"))
	if !found {
		return false
	}
	line = bytes.TrimRight(line, "\r")
	if i := bytes.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return false
	}
	_, err := strconv.ParseUint(string(line), 16, 64)
	return err == nil
}
