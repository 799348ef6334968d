module example.com/hello

go 1.19

require (
	example.com/greet v1.2.3
	github.com/acme/lib v1.4.0
)

replace example.com/greet v1.2.3 => ./greet
