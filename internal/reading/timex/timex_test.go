package timex

import (
	"fmt"
	"testing"
	"time"
	"unicode/utf8"
)

// Sunday 15 May 2022, the founding article's date.
var ref = time.Date(2022, 5, 15, 10, 30, 0, 0, time.UTC)

func TestFind(t *testing.T) {
	cases := []struct {
		text, want, value, prec string
	}{
		{"The column was shelled on Tuesday near the river.", "Tuesday", "2022-05-10", Day},
		{"Officials said on Sunday that the town had fallen.", "Sunday", "2022-05-15", Day},
		{"He will travel there next Monday.", "Monday", "2022-05-16", Day},
		{"an armored column had been destroyed a few days earlier.", "a few days earlier", "2022-05-09/2022-05-15", Week},
		{"they were predicted to lose the war three months ago.", "three months ago", "2022-02", Month},
		{"the ground force committed to Ukraine last February.", "last February", "2022-02", Month},
		{"Russia invaded on February 24, 2022, from three directions.", "February 24, 2022", "2022-02-24", Day},
		{"Troops crossed on 24 February 2022 at dawn.", "24 February 2022", "2022-02-24", Day},
		{"The offensive began on May 9.", "May 9", "2022-05-09", Day},
		{"unlikely to accelerate its advance over the next 30 days.", "the next 30 days", "2022-05-15/2022-06-14", Range},
		{"The bridge was hit yesterday.", "yesterday", "2022-05-14", Day},
		{"Russia launched 40 drones at Odesa overnight.", "overnight", "2022-05-15", Day},
		{"Sirens sounded in Kyiv this morning.", "this morning", "2022-05-15", Day},
		{"Fighting intensified last week.", "last week", "2022-05-02/2022-05-08", Week},
		{"Crimea was annexed in 2014.", "2014", "2014", Year},
		{"The report, dated 2022-05-12, says so.", "2022-05-12", "2022-05-12", Day},
		{"Shelling resumed in March.", "March", "2022-03", Month},
		{"The village was retaken two weeks later.", "two weeks later", "2022-05-26/2022-06-01", Week},
	}
	for _, c := range cases {
		es := Find(c.text, ref)
		if len(es) != 1 {
			t.Errorf("%q: %d expressions %v, want 1", c.text, len(es), es)
			continue
		}
		e := es[0]
		if e.Text != c.want || e.Value() != c.value || e.Precision != c.prec {
			t.Errorf("%q: got %s, want %q %s %s", c.text, e, c.want, c.value, c.prec)
		}
		if got := string([]rune(c.text)[e.Start:e.End]); got != e.Text {
			t.Errorf("%q: offsets give %q, text %q", c.text, got, e.Text)
		}
	}
}

func TestNotTimes(t *testing.T) {
	// "may" the verb, numbers that are not years, and weekday-free text.
	for _, text := range []string{
		"Russia may have suffered heavy casualties.",
		"It lost 1/3 of its force and 300 tanks.",
		"The Institute for the Study of War said so.",
		"They may advance further.",
	} {
		if es := Find(text, ref); len(es) != 0 {
			t.Errorf("%q: found %v", text, es)
		}
	}
}

func TestZeroReference(t *testing.T) {
	// Without a reference date, only dates that carry their own year are read.
	es := Find("On Tuesday, a week after May 9, 2022, shelling resumed.", time.Time{})
	if len(es) != 1 || es[0].Value() != "2022-05-09" {
		t.Errorf("got %v", es)
	}
}

func TestDate(t *testing.T) {
	e := Find("over the next 30 days", ref)[0]
	if got := e.Date().Format("2006-01-02"); got != "2022-05-30" {
		t.Errorf("midpoint %s", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"on Tuesday", "May 9, 2022", "a few days earlier", "the next 30 days", "2022-13-40", "’’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		for _, e := range Find(s, ref) {
			if e.Start < 0 || e.End > n || e.Start >= e.End {
				t.Fatalf("bad span %d-%d in %q", e.Start, e.End, s)
			}
			if e.To.Before(e.From) {
				t.Fatalf("%v: ends before it starts", e)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := "On Tuesday, three months after the invasion began on February 24, 2022, Ukrainian forces retook villages a few days earlier; officials expect more over the next 30 days. "
	for range 5 {
		text += text
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, ref)
	}
}

func ExampleFind() {
	for _, e := range Find("An armoured column was destroyed a few days earlier, on Tuesday.", time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(e.Text, "→", e.Value(), e.Precision)
	}
	// Output:
	// a few days earlier → 2022-05-09/2022-05-15 week
	// Tuesday → 2022-05-10 day
}
