package input

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/input/fetch"
)

// Open yields the documents of one input: "-" for standard input, an http or
// https URL, a file, or a directory (its files, sorted, recursively; names
// starting with "." are skipped). What a file or response holds is sniffed from
// its name, media type and first bytes: a WARC archive (also gzipped), an RSS,
// Atom or RDF feed, an HTML page, or plain text; a file named .jsonl or .ndjson
// that begins with "{" is a batch of JSON lines. With opt.JSONL every input is
// read as a batch of JSON lines.
//
// Failures are items with Err set, naming the input and the item within it:
// "feed.xml#3", "crawl.warc.gz#17 (https://...)", "batch.jsonl:12".
func Open(ctx context.Context, name string, opt Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		switch {
		case name == "-":
			r := opt.Stdin
			if r == nil {
				r = os.Stdin
			}
			readStream(ctx, source{name: "stdin", r: r, size: -1}, opt, yield)
		case fetch.IsURL(name):
			openURL(ctx, name, opt, yield)
		default:
			openPath(ctx, name, opt, yield)
		}
	}
}

// source is one stream to read, with what is known about it beforehand.
type source struct {
	name        string // for messages
	ext         string // lower-case extension, for sniffing
	r           io.Reader
	size        int64  // -1 when unknown
	contentType string // HTTP Content-Type, "" for files
	url         string // where an HTTP response came from, after redirects
	language    string // HTTP Content-Language
}

// openFile opens a file for reading; tests replace it to count what is read.
var openFile = func(name string) (io.ReadCloser, error) { return os.Open(name) }

func openPath(ctx context.Context, name string, opt Options, yield func(Item) bool) {
	fi, err := os.Stat(name)
	if err != nil {
		yield(failItem(name, pathErr(err)))
		return
	}
	if fi.IsDir() {
		walkDir(ctx, name, opt, yield)
		return
	}
	readFile(ctx, name, fi, opt, yield)
}

// pathErr drops the *fs.PathError wrapper, whose message repeats the path that
// the item name already gives.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func readFile(ctx context.Context, name string, fi fs.FileInfo, opt Options, yield func(Item) bool) {
	f, err := openFile(name)
	if err != nil {
		yield(failItem(name, pathErr(err)))
		return
	}
	defer f.Close()
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size() // pipes and devices have no size to trust
	}
	readStream(ctx, source{name: name, ext: extOf(name), r: f, size: size}, opt, yield)
}

func walkDir(ctx context.Context, root string, opt Options, yield func(Item) bool) {
	stopped := false
	send := func(it Item) bool {
		if !yield(it) {
			stopped = true
		}
		return !stopped
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil || stopped {
			return filepath.SkipAll
		}
		if err != nil {
			send(failItem(p, pathErr(err)))
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		fi, err := os.Stat(p) // follows a symlink to its file
		if err != nil {
			send(failItem(p, pathErr(err)))
			return nil
		}
		if !fi.Mode().IsRegular() {
			return nil // sockets, devices, links to directories
		}
		readFile(ctx, p, fi, opt, send)
		return nil
	})
}

// clients keeps one fetch client per configuration, so that URLs named one
// after another reuse connections.
var clients sync.Map // clientKey → *fetch.Client

type clientKey struct {
	allowPrivate bool
	timeout      time.Duration
	maxBytes     int64
	version      string
}

func clientFor(opt Options) *fetch.Client {
	k := clientKey{opt.AllowPrivate, opt.timeout(), opt.maxBytes(), opt.Version}
	if c, ok := clients.Load(k); ok {
		return c.(*fetch.Client)
	}
	c, _ := clients.LoadOrStore(k, &fetch.Client{
		AllowPrivate: opt.AllowPrivate,
		Timeout:      opt.timeout(),
		MaxBytes:     opt.maxBytes(),
		UserAgent:    fetch.UserAgent(opt.Version),
	})
	return c.(*fetch.Client)
}

func openURL(ctx context.Context, name string, opt Options, yield func(Item) bool) {
	resp, err := clientFor(opt).Get(ctx, name)
	if err != nil {
		yield(failItem(name, sizeErr(err)))
		return
	}
	defer resp.Body.Close()
	lang, _, _ := strings.Cut(resp.Header.Get("Content-Language"), ",")
	readStream(ctx, source{
		name:        name,
		ext:         extOf(resp.URL.Path),
		r:           resp.Body,
		size:        resp.ContentLength,
		contentType: resp.Header.Get("Content-Type"),
		url:         resp.URL.String(),
		language:    strings.TrimSpace(lang),
	}, opt, yield)
}

// readStream sniffs one stream and reads it as what it is.
func readStream(ctx context.Context, src source, opt Options, yield func(Item) bool) {
	max := opt.maxBytes()
	fail := func(err error) { yield(failItem(src.name, err)) }

	br := bufio.NewReaderSize(src.r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF {
		fail(err)
		return
	}
	gz := bytes.HasPrefix(head, gzipMagic)
	if gz {
		zr, err := newInflater(br, max)
		if err != nil {
			fail(err)
			return
		}
		br = bufio.NewReaderSize(zr, 64<<10)
		if head, err = br.Peek(sniffLen); err != nil && err != io.EOF {
			fail(err)
			return
		}
		// The size and media type were those of the compressed stream.
		src.size, src.contentType = -1, ""
	}

	if opt.JSONL || jsonlBatch(src.ext, head) {
		readJSONL(ctx, src.name, br, opt, yield)
		return
	}
	// Only an archive may be bigger than one document; refuse anything else
	// of a known size over the cap before reading further.
	if src.size > max && !bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), warcMagic) {
		fail(&tooLargeError{limit: max, size: src.size})
		return
	}
	k, err := sniff(src.ext, src.contentType, head)
	if err != nil {
		fail(err)
		return
	}
	if k == kindWARC {
		readWARC(ctx, src.name, br, gz, opt, yield)
		return
	}

	// Everything else is one document, held whole, up to the cap.
	data, err := readCapped(br, max, src.size)
	if err != nil {
		fail(sizeErr(err))
		return
	}
	doc, err := decodeUTF8(data, src.contentType, k)
	if err != nil {
		fail(err)
		return
	}
	switch k {
	case kindFeed:
		readFeed(ctx, src.name, doc, src.url, yield)
	case kindHTML:
		if !hasBodyText(doc) {
			fail(errors.New("is an HTML page with no body text"))
			return
		}
		yield(Item{Name: src.name, HTML: doc, URL: src.url, Language: src.language})
	default:
		if strings.TrimSpace(doc) == "" {
			fail(errors.New("has no text"))
			return
		}
		yield(Item{Name: src.name, Text: doc, URL: src.url, Language: src.language})
	}
}

// sizeErr words the fetcher's size-cap error like every other.
func sizeErr(err error) error {
	var tle *fetch.TooLargeError
	if errors.As(err, &tle) {
		return &tooLargeError{limit: tle.Limit}
	}
	return err
}
