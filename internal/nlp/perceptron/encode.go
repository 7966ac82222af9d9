package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

const magic = "PCT1"

// AppendBinary appends the model's compact form: sorted folded keys as deltas,
// per-row class deltas and quantised weights, all varints.
func (m *Model) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(m.NClasses))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(m.scale)))
	rows := m.sortedRows()
	b = binary.AppendUvarint(b, uint64(len(rows)))
	prev := uint32(0)
	for _, r := range rows {
		k := r.key
		b = binary.AppendUvarint(b, uint64(k-prev))
		prev = k
		cls, q := m.row(r)
		b = binary.AppendUvarint(b, uint64(len(cls)))
		pc := 0
		for i, c := range cls {
			b = binary.AppendUvarint(b, uint64(int(c)-pc))
			pc = int(c)
			b = binary.AppendVarint(b, int64(q[i]))
		}
	}
	return b, nil
}

// ErrFormat reports a model that cannot be decoded.
var ErrFormat = errors.New("perceptron: bad model data")

// Decode reads a model written by AppendBinary from the front of b and returns
// the rest.
func Decode(b []byte) (*Model, []byte, error) {
	d := decoder{b: b}
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, b, ErrFormat
	}
	d.b = d.b[len(magic):]
	n := int(d.uvarint())
	if len(d.b) < 8 {
		return nil, b, ErrFormat
	}
	scale := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	rows := d.uvarint()
	if d.err != nil || n < 1 || n > 256 || rows > uint64(len(d.b)) {
		return nil, b, ErrFormat
	}
	// Size the model's arrays by a quick pass over the rows, then decode them
	// straight into the arrays: no per-row allocations and no spare room, so that
	// loading stays fast and the model holds no more memory than its rows need.
	sparse, dense := sizeRows(d.b, n, rows)
	m := newModel(n, scale, int(rows), sparse, dense)
	rest, err := decodeRows(d.b, m, rows)
	if err != nil {
		return nil, b, err
	}
	return m, rest, nil
}

// sizeRows returns the room rows rows of a model of n classes at the front of b
// take (see rowSize), skipping the keys and weights unread and unchecked
// (decodeRows checks them): a quarter of the time decoding them takes.
func sizeRows(b []byte, n int, rows uint64) (sparse, dense int) {
	i := 0
	for r := uint64(0); r < rows && i < len(b); r++ {
		for i < len(b) && b[i] >= 0x80 { // the key
			i++
		}
		i++
		ne, shift := 0, 0 // the number of weights
		for i < len(b) && shift < 63 {
			c := b[i]
			i++
			ne |= int(c&0x7f) << shift
			if c < 0x80 {
				break
			}
			shift += 7
		}
		ne = min(max(ne, 0), n)
		for left := 2 * ne; left > 0 && i < len(b); i++ { // a class and a weight each
			if b[i] < 0x80 {
				left--
			}
		}
		s, d := rowSize(ne, n)
		sparse, dense = sparse+s, dense+d
	}
	return sparse, dense
}

// decodeRows reads rows rows from b into m and returns the rest of b.
func decodeRows(b []byte, m *Model, rows uint64) ([]byte, error) {
	n := m.NClasses
	var cls [256]uint8
	var q [256]int16
	prev := uint64(0)
	i := 0
	for r := uint64(0); r < rows; r++ {
		dk, i1 := uvarintAt(b, i)
		ne, i2 := uvarintAt(b, i1)
		k := prev + dk
		if i1 < 0 || i2 < 0 || ne > uint64(n) || (r > 0 && k <= prev) || k > math.MaxUint32 {
			return nil, fmt.Errorf("%w: row %d", ErrFormat, r)
		}
		i = i2
		prev = k
		c := 0
		for e := range ne {
			dc, j := uvarintAt(b, i)
			u, j2 := uvarintAt(b, j)
			v := int64(u>>1) ^ -int64(u&1) // zigzag, as binary.Varint
			c += int(dc)
			if j < 0 || j2 < 0 || c >= n || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("%w: row %d", ErrFormat, r)
			}
			i = j2
			cls[e], q[e] = uint8(c), int16(v)
		}
		m.addRow(uint32(k), cls[:ne], q[:ne])
	}
	return b[i:], nil
}

// uvarintAt reads the unsigned varint at b[i:] and returns it and the index after
// it; the index is -1 if there is none (i < 0, the end of b, or more than 64 bits).
func uvarintAt(b []byte, i int) (uint64, int) {
	if i >= 0 && i < len(b) && b[i] < 0x80 {
		return uint64(b[i]), i + 1
	}
	return uvarintLong(b, i)
}

func uvarintLong(b []byte, i int) (uint64, int) {
	if i < 0 || i >= len(b) {
		return 0, -1
	}
	v, k := binary.Uvarint(b[i:])
	if k <= 0 {
		return 0, -1
	}
	return v, i + k
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if len(d.b) > 0 && d.b[0] < 0x80 { // most values fit in a byte: decoding is a fifth of loading
		v := uint64(d.b[0])
		d.b = d.b[1:]
		return v
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = ErrFormat
		d.b = nil
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) varint() int64 {
	if len(d.b) > 0 && d.b[0] < 0x80 {
		u := int64(d.b[0])
		d.b = d.b[1:]
		return u>>1 ^ -(u & 1) // zigzag, as binary.Varint
	}
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.err = ErrFormat
		d.b = nil
		return 0
	}
	d.b = d.b[k:]
	return v
}

// The Append functions and Reader help components store their own data (labels,
// lexicons) beside their weights.

// AppendString appends a length-prefixed string.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendStrings appends a counted list of strings.
func AppendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = AppendString(b, s)
	}
	return b
}

// Reader reads what the Append functions wrote; the first error sticks.
type Reader struct {
	d decoder
}

// NewReader reads from b.
func NewReader(b []byte) *Reader { return &Reader{d: decoder{b: b}} }

// Err is the first error met.
func (r *Reader) Err() error { return r.d.err }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 { return r.d.uvarint() }

// String reads a length-prefixed string.
func (r *Reader) String() string {
	n := r.d.uvarint()
	if r.d.err != nil || n > uint64(len(r.d.b)) {
		r.d.err = ErrFormat
		return ""
	}
	s := string(r.d.b[:n])
	r.d.b = r.d.b[n:]
	return s
}

// Strings reads a counted list of strings.
func (r *Reader) Strings() []string {
	n := r.d.uvarint()
	if r.d.err != nil || n > uint64(len(r.d.b)) {
		r.d.err = ErrFormat
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}

// Model reads a model.
func (r *Reader) Model() *Model {
	if r.d.err != nil {
		return nil
	}
	m, rest, err := Decode(r.d.b)
	if err != nil {
		r.d.err = err
		return nil
	}
	r.d.b = rest
	return m
}

// Rest is what has not been read.
func (r *Reader) Rest() []byte { return r.d.b }
