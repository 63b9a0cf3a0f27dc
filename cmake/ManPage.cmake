# Writes normlab-cli's man page from its --help text, so the two never disagree.
# Usage: cmake -DCLI=path/to/normlab-cli -DOUTPUT=normlab-cli.1 -DVERSION=x.y.z -P ManPage.cmake
#
# The help's layout carries over: its first line becomes NAME, "Usage:" the SYNOPSIS, every other
# unindented "heading:" line a subsection of OPTIONS, "Exit status: ..." the EXIT STATUS section;
# the rest stays preformatted, as the columns were aligned for a terminal.
cmake_policy(VERSION 3.20)

foreach(required CLI OUTPUT VERSION)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "ManPage.cmake needs -D${required}=...")
    endif()
endforeach()

execute_process(COMMAND "${CLI}" --help
    OUTPUT_VARIABLE help RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0 OR help STREQUAL "")
    message(FATAL_ERROR "${CLI} --help failed (${status}): ${errors}")
endif()

# roff: a backslash is \e, a minus that must stay a minus (options) is \-, and a line may not
# start with a control character.
string(REPLACE "\\" "\\e" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
# CMake lists split on ';' and group on brackets: park them while walking the lines.
string(REPLACE ";" "@SEMICOLON@" help "${help}")
string(REPLACE "[" "@OPEN@" help "${help}")
string(REPLACE "]" "@CLOSE@" help "${help}")
string(REGEX REPLACE "\n+$" "" help "${help}")
string(REPLACE "\n" ";" lines "${help}")

list(POP_FRONT lines summary)
string(REGEX REPLACE "^NormLab command line: *" "" summary "${summary}")
set(page ".TH NORMLAB\\-CLI 1 \"\" \"NormLab ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nnormlab\\-cli \\- ${summary}\n")

set(in_options FALSE)
foreach(line IN LISTS lines)
    if(line MATCHES "^Usage:$")
        string(APPEND page ".SH SYNOPSIS\n.nf\n")
    elseif(line MATCHES "^Exit status: *(.*)$")
        string(APPEND page ".fi\n.SH \"EXIT STATUS\"\n${CMAKE_MATCH_1}\n")
    elseif(line MATCHES "^([^ ].*):$")
        if(NOT in_options)
            string(APPEND page ".fi\n.SH OPTIONS\n")
            set(in_options TRUE)
        endif()
        string(REPLACE "\"" "\\(dq" heading "${CMAKE_MATCH_1}")
        string(APPEND page ".fi\n.SS \"${heading}\"\n.nf\n")
    elseif(line MATCHES "^[.']")
        string(APPEND page "\\&${line}\n")
    else()
        string(APPEND page "${line}\n")
    endif()
endforeach()
string(APPEND page ".fi\n.SH FILES\n.TP\n.I ../share/normlab/presets\n"
    "The presets of \\fBsweep \\-\\-preset\\fR, found from the folder that holds "
    "\\fBnormlab\\-cli\\fR; the environment variable \\fBNORMLAB_PRESET_DIR\\fR names another.\n")

string(REPLACE "@SEMICOLON@" ";" page "${page}")
string(REPLACE "@OPEN@" "[" page "${page}")
string(REPLACE "@CLOSE@" "]" page "${page}")
file(WRITE "${OUTPUT}" "${page}")
