package joinclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// ID is a JOIN integer id. It decodes from a JSON number or a numeric string,
// because several JOIN clients in the wild have seen both.
type ID int64

func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// UnmarshalJSON accepts 12, "12" and null (which leaves the id zero).
func (id *ID) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		if s == "" {
			return nil
		}
		data = []byte(s)
	}
	n, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		// Some APIs send 12.0; accept whole floats.
		f, ferr := strconv.ParseFloat(string(data), 64)
		if ferr != nil || f != float64(int64(f)) {
			return fmt.Errorf("joinclient: id %s is not an integer", data)
		}
		n = int64(f)
	}
	*id = ID(n)
	return nil
}
