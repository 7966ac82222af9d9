package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// tooLargeError reports a document over the size cap.
type tooLargeError struct {
	limit int64
	size  int64 // known size, or 0 when the input was stopped while streaming
}

func (e *tooLargeError) Error() string {
	if e.size > 0 {
		return fmt.Sprintf("is %s, over the cap of %s", sizeText(e.size), sizeText(e.limit))
	}
	return fmt.Sprintf("is larger than the cap of %s", sizeText(e.limit))
}

// sizeText writes a byte count for people: "32 MiB", "1.5 KiB", "17 bytes".
func sizeText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	if v == float64(int64(v)) {
		s = fmt.Sprintf("%d", int64(v))
	}
	return s + " " + [...]string{"KiB", "MiB", "GiB", "TiB", "PiB"}[exp]
}

// readCapped reads all of r, or fails once it holds more than max bytes. It
// reads at most max+1 bytes, so an oversized input is never held whole.
// sizeHint, when known, saves regrowing the buffer.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, error) {
	var b bytes.Buffer
	if sizeHint > 0 && sizeHint <= max {
		b.Grow(int(sizeHint) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > max {
		return nil, &tooLargeError{limit: max}
	}
	return b.Bytes(), nil
}

// bombRatio is the compression ratio past which a gzip stream that has already
// inflated beyond the cap is taken for a bomb. Real pages and archives compress
// 3–20 times; long runs of one byte, the stuff of bombs, compress over 1000 times.
const bombRatio = 200

var errBomb = errors.New("gzip data inflates more than 200 times over (a gzip bomb?)")

// inflater decompresses a gzip stream (every member, as in a .warc.gz) and
// refuses to go on once the output passes max bytes at a bomb's ratio. It sits
// under every reader of gzip data, so that skipping an oversized record costs
// at most about max bytes of inflation, not gigabytes.
type inflater struct {
	in  *countingReader
	zr  *gzip.Reader
	max int64
	out int64
	err error
}

func newInflater(r io.Reader, max int64) (*inflater, error) {
	cr := &countingReader{r: r}
	// bufio makes the gzip reader consume only what it needs, so the count of
	// compressed bytes is close to exact.
	zr, err := gzip.NewReader(bufio.NewReaderSize(cr, 32<<10))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return &inflater{in: cr, zr: zr, max: max}, nil
}

func (z *inflater) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	n, err := z.zr.Read(p)
	z.out += int64(n)
	if z.out > z.max && z.out > bombRatio*z.in.n {
		z.err = fmt.Errorf("stopped after %s of decompressed data: %w", sizeText(z.out), errBomb)
		return n, z.err
	}
	if err != nil && err != io.EOF {
		if err == io.ErrUnexpectedEOF {
			err = errors.New("gzip data ends early (truncated file)")
		} else {
			err = fmt.Errorf("gzip: %w", err)
		}
		z.err = err
	}
	return n, err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
