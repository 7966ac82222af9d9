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
	b = binary.AppendUvarint(b, uint64(len(m.rowKey)))
	prev := uint32(0)
	for r, k := range m.rowKey {
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
	// Decode straight into the model's arrays: no per-row allocations, so that
	// loading stays fast.
	m := newModel(n, scale, int(rows), len(d.b)/2)
	var cls [256]uint8
	var q [256]int16
	prev := uint64(0)
	for r := uint64(0); r < rows; r++ {
		k := prev + d.uvarint()
		ne := d.uvarint()
		if d.err != nil || ne > uint64(n) || (r > 0 && k <= prev) || k > math.MaxUint32 {
			return nil, b, fmt.Errorf("%w: row %d", ErrFormat, r)
		}
		prev = k
		c := 0
		for i := range ne {
			c += int(d.uvarint())
			v := d.varint()
			if c >= n || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, b, fmt.Errorf("%w: row %d", ErrFormat, r)
			}
			cls[i], q[i] = uint8(c), int16(v)
		}
		m.addRow(uint32(k), cls[:ne], q[:ne])
	}
	if d.err != nil {
		return nil, b, d.err
	}
	return m, d.b, nil
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
