package main

import (
	"example.com/greet"
	"github.com/acme/lib"
)

func main() { println(greet.Hello(), lib.Name()) }
